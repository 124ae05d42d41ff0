# Embeds every NNNN_name.sql file of a folder into a generated C++ source as an ordered table of
# (version, name, sql), so the binary carries its own migrations.
function(cynnal_embed_sql out_var dir prefix)
  file(GLOB sql_files CONFIGURE_DEPENDS "${dir}/*.sql")
  list(SORT sql_files)
  set(body "")
  foreach(f IN LISTS sql_files)
    get_filename_component(name "${f}" NAME_WE)
    string(REGEX MATCH "^[0-9]+" version "${name}")
    # "0008" without its leading zeros, so that C++ does not read it as an octal number.
    string(REGEX REPLACE "^0+([0-9])" "\\1" version "${version}")
    file(READ "${f}" sql)
    # Re-run CMake (and so re-embed) whenever a migration's text changes.
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${f}")
    string(APPEND body "    {${version}, \"${name}\", R\"cynnalsql(${sql})cynnalsql\"},\n")
  endforeach()
  set(out "${CMAKE_BINARY_DIR}/generated/${prefix}_migrations.cc")
  file(WRITE "${out}.tmp"
"#include \"storage/migration.h\"\n\nnamespace cynnal::storage {\n\nconst std::vector<Migration>& ${prefix}Migrations() {\n  static const std::vector<Migration> all{\n${body}  };\n  return all;\n}\n\n}  // namespace cynnal::storage\n")
  configure_file("${out}.tmp" "${out}" COPYONLY)
  set(${out_var} "${out}" PARENT_SCOPE)
endfunction()
