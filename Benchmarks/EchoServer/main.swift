import HTTPCore
print("echo server: not yet")
