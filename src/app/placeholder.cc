namespace cynnal::app {}
