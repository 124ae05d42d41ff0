namespace cynnal::http {}
