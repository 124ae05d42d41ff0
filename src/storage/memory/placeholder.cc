namespace cynnal::storage {}
