#pragma once

#include <string>
#include <vector>

namespace mimic::testing {

// A python3 child process that serves HTTP on loopback and prints "port N"
// once it listens. The port is read from its standard output, its standard
// error goes to /dev/null, and it is stopped by PID when the object goes away.
class PythonServer {
 public:
  // `arguments` follow "python3 -u", for example {"-m", "http.server", ...}.
  explicit PythonServer(const std::vector<std::string>& arguments);
  ~PythonServer();
  PythonServer(const PythonServer&) = delete;
  PythonServer& operator=(const PythonServer&) = delete;

  // 0 when the server did not start.
  int port() const { return port_; }

 private:
  int pid_ = 0;
  int port_ = 0;
  int fd_ = -1;
};

// Arguments for Python's http.server serving `folder` on a free loopback port.
std::vector<std::string> HttpServerArguments(const std::string& folder);

}  // namespace mimic::testing
