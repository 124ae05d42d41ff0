namespace cynnal::main {}
