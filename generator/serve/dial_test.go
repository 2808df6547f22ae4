package serve

import stdnet "net"

// net dials raw TCP, so tests can send request lines no client would clean.
type net struct{}

func (net) dial(addr string) (stdnet.Conn, error) { return stdnet.Dial("tcp", addr) }
