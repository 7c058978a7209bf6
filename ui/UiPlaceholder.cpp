// Replaced by the console sources.
namespace tollgate_ui_placeholder { int unused = 0; }
