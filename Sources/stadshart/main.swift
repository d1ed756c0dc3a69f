import StadshartServer

try await StadshartCommandLine.run()
