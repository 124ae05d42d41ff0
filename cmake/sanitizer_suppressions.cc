// LeakSanitizer's default suppressions for Cynnal's sanitizer builds. fontconfig keeps its font
// and configuration caches for the life of the process, as pointers LeakSanitizer cannot follow;
// Pango reaches them whenever a PDF is laid out. Nothing of Cynnal's own is suppressed.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
