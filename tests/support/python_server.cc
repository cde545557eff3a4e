#include "support/python_server.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <regex>

namespace mimic::testing {

PythonServer::PythonServer(const std::vector<std::string>& arguments) {
  std::vector<std::string> command = {"python3", "-u"};
  command.insert(command.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (std::string& part : command) argv.push_back(part.data());
  argv.push_back(nullptr);

  int fds[2];
  if (pipe(fds) != 0) return;
  pid_ = fork();
  if (pid_ == 0) {
    dup2(fds[1], STDOUT_FILENO);
    int null_output = open("/dev/null", O_WRONLY);
    if (null_output >= 0) dup2(null_output, STDERR_FILENO);
    close(fds[0]);
    close(fds[1]);
    execvp("python3", argv.data());
    _exit(127);
  }
  close(fds[1]);

  std::string output;
  char buffer[512];
  static const std::regex kPort("port ([0-9]+)");
  for (int i = 0; i < 100 && port_ == 0; ++i) {
    ssize_t count = read(fds[0], buffer, sizeof(buffer));
    if (count <= 0) break;
    output.append(buffer, static_cast<size_t>(count));
    std::smatch match;
    if (std::regex_search(output, match, kPort)) port_ = std::stoi(match[1]);
  }
  fd_ = fds[0];
}

PythonServer::~PythonServer() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
  if (fd_ >= 0) close(fd_);
}

std::vector<std::string> HttpServerArguments(const std::string& folder) {
  return {"-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", folder};
}

}  // namespace mimic::testing
