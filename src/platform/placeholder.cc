namespace cynnal::platform {}
