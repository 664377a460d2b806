# The viewer's assets (web/): our page, script and style sheet, and the graph drawing library
# installed from npm with the lockfile at build time, all embedded into sg_serve.
find_program(SG_NPM npm)
if(NOT SG_NPM)
  message(FATAL_ERROR "npm not found: the viewer's graph library (web/package-lock.json) is "
                      "installed with npm at build time; install Debian's npm (or run .ci/deps)")
endif()
set(SG_WEB_DIR ${CMAKE_CURRENT_SOURCE_DIR}/web)
set(SG_WEB_NPM ${CMAKE_CURRENT_BINARY_DIR}/web-npm)
set(SG_CYTOSCAPE ${SG_WEB_NPM}/node_modules/cytoscape/dist/cytoscape.min.js)
file(MAKE_DIRECTORY ${SG_WEB_NPM})
add_custom_command(
  OUTPUT ${SG_CYTOSCAPE}
  COMMAND ${CMAKE_COMMAND} -E copy ${SG_WEB_DIR}/package.json ${SG_WEB_DIR}/package-lock.json
          ${SG_WEB_NPM}
  COMMAND ${SG_NPM} ci --no-audit --no-fund --loglevel=error
  COMMAND ${CMAKE_COMMAND} -E touch ${SG_CYTOSCAPE}
  WORKING_DIRECTORY ${SG_WEB_NPM}
  DEPENDS ${SG_WEB_DIR}/package.json ${SG_WEB_DIR}/package-lock.json
  COMMENT "npm ci for the viewer's graph library (web/package-lock.json)"
  VERBATIM)
# Sorted by name: the server looks assets up by name.
set(SG_WEB_FILES app.js=${SG_WEB_DIR}/app.js cytoscape.min.js=${SG_CYTOSCAPE}
    index.html=${SG_WEB_DIR}/index.html layout_worker.js=${SG_WEB_DIR}/layout_worker.js
    style.css=${SG_WEB_DIR}/style.css)
string(REPLACE ";" "|" SG_WEB_ENTRIES "${SG_WEB_FILES}")
set(SG_EMBEDDED_WEB ${CMAKE_CURRENT_BINARY_DIR}/embedded_web.cpp)
add_custom_command(
  OUTPUT ${SG_EMBEDDED_WEB}
  COMMAND ${CMAKE_COMMAND} -DOUT=${SG_EMBEDDED_WEB} -DHEADER=serve/assets.h
          -DNAMESPACE=silkgraph::serve -DFUNCTION=embedded_assets "-DFILES=${SG_WEB_ENTRIES}"
          -P ${CMAKE_CURRENT_SOURCE_DIR}/common/embed_files.cmake
  DEPENDS ${SG_WEB_DIR}/app.js ${SG_WEB_DIR}/index.html ${SG_WEB_DIR}/layout_worker.js
          ${SG_WEB_DIR}/style.css ${SG_CYTOSCAPE}
          ${CMAKE_CURRENT_SOURCE_DIR}/common/embed_files.cmake
  COMMENT "Embedding the viewer's assets"
  VERBATIM)
