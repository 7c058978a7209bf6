// Opens N streaming chat requests to a gateway and never reads a byte of the
// answers, then reports the gateway process's resident memory once it stops
// growing: what N stalled clients cost. Loopback only; every wait is bounded.
//
//   stalled_clients <gateway port> <gateway pid> <gateway key> <model> [N]
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

long statusKb(int pid, const char *field)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    const std::string prefix = std::string(field) + ":";
    while (std::getline(in, line)) {
        if (line.rfind(prefix, 0) == 0)
            return std::strtol(line.c_str() + prefix.size(), nullptr, 10);
    }
    return -1;
}

// Kernel memory of all TCP sockets, in KiB (pages are 4 KiB here).
long tcpKernelKb()
{
    std::ifstream in("/proc/net/sockstat");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("TCP:", 0) != 0)
            continue;
        const auto at = line.find(" mem ");
        return at == std::string::npos ? -1 : std::strtol(line.c_str() + at + 5, nullptr, 10) * 4;
    }
    return -1;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 5) {
        std::fprintf(stderr, "usage: stalled_clients <port> <gateway pid> <key> <model> [N]\n");
        return 2;
    }
    const int port = std::atoi(argv[1]);
    const int pid = std::atoi(argv[2]);
    const std::string key = argv[3];
    const std::string model = argv[4];
    const int n = argc > 5 ? std::atoi(argv[5]) : 1000;

    const std::string body =
        "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    std::ostringstream request;
    request << "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " << key
            << "\r\nContent-Type: application/json\r\nContent-Length: " << body.size() << "\r\n\r\n"
            << body;
    const std::string wire = request.str();

    const long idleKb = statusKb(pid, "VmRSS");
    const long kernelBeforeKb = tcpKernelKb();
    std::vector<int> sockets;
    sockets.reserve(n);
    for (int i = 0; i < n; ++i) {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0) {
            std::perror("socket");
            return 1;
        }
        // A client that never reads: its own receive buffer stays small.
        const int small = 4096;
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(uint16_t(port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
            std::perror("connect");
            return 1;
        }
        if (::send(fd, wire.data(), wire.size(), 0) != ssize_t(wire.size())) {
            std::perror("send");
            return 1;
        }
        sockets.push_back(fd);
    }

    // Sample until the RSS has not grown for 3 s (at most 90 s).
    long peakKb = 0;
    auto lastGrowth = std::chrono::steady_clock::now();
    const auto deadline = lastGrowth + std::chrono::seconds(90);
    while (std::chrono::steady_clock::now() < deadline) {
        const long rss = statusKb(pid, "VmRSS");
        if (rss < 0) {
            std::fprintf(stderr, "gateway process %d is gone\n", pid);
            return 1;
        }
        if (rss > peakKb + 256) {
            peakKb = rss;
            lastGrowth = std::chrono::steady_clock::now();
        } else if (rss > peakKb) {
            peakKb = rss;
        }
        if (std::chrono::steady_clock::now() - lastGrowth > std::chrono::seconds(3))
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    const long hwmKb = statusKb(pid, "VmHWM");
    const long kernelKb = tcpKernelKb();
    std::printf("stalled clients: %d\n", n);
    std::printf("gateway VmRSS idle: %.1f MB\n", idleKb / 1024.0);
    std::printf("gateway VmRSS with the stalled clients: %.1f MB (VmHWM %.1f MB)\n", peakKb / 1024.0, hwmKb / 1024.0);
    std::printf("per stalled client: %.1f KB\n", n > 0 ? double(peakKb - idleKb) / n : 0.0);
    std::printf("kernel TCP buffers (all sockets, /proc/net/sockstat): %.1f MB (%.1f MB before)\n", kernelKb / 1024.0,
                kernelBeforeKb / 1024.0);
    for (const int fd : sockets)
        ::close(fd);
    return 0;
}
