// Replaced by the gateway sources.
namespace tollgate_server_placeholder { int unused = 0; }
