// A TCP listener on 127.0.0.1 that accepts every connection and never sends a byte: a server that
// hangs after the TCP handshake (a stuck process, a wrong port forward). Connections stay open until
// the listener is destroyed, so a client sees neither an answer nor a reset, only silence.
#pragma once

#include <atomic>
#include <thread>
#include <vector>

namespace retort::testing {

class SilentListener {
 public:
  SilentListener();  // listens on a free port
  ~SilentListener();
  SilentListener(const SilentListener&) = delete;
  SilentListener& operator=(const SilentListener&) = delete;

  int port() const { return port_; }

 private:
  void accept_until_stopped();

  int socket_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::vector<int> accepted_;
  std::thread thread_;
};

}  // namespace retort::testing
