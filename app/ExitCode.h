#pragma once

// PRODUCT.md "Command line": 0 ok, 1 runtime failure, 2 usage or config error.
namespace ExitCode {
constexpr int Ok = 0;
constexpr int Failure = 1;
constexpr int Usage = 2;
} // namespace ExitCode
