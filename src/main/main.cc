#include "main/wiring.h"

int main(int argc, char** argv) { return cynnal::main::Run(argc, argv); }
