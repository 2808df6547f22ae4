package generator

// The IANA HTTP Status Code Registry, vendored from
// https://www.iana.org/assignments/http-status-codes (code, reason and
// reference). TestRegistryMatchesIANA compares it with the CSV in
// shared/reference when that is present. Regenerate it from there; do not
// edit it by hand.

// registryEntry is one row of the registry. Section is "" where the
// registry names only the RFC.
type registryEntry struct {
	Reason  string
	RFC     int
	Section string
}

var registry = map[int]registryEntry{
	100: {"Continue", 9110, "15.2.1"},
	101: {"Switching Protocols", 9110, "15.2.2"},
	102: {"Processing", 2518, ""},
	103: {"Early Hints", 8297, ""},
	200: {"OK", 9110, "15.3.1"},
	201: {"Created", 9110, "15.3.2"},
	202: {"Accepted", 9110, "15.3.3"},
	203: {"Non-Authoritative Information", 9110, "15.3.4"},
	204: {"No Content", 9110, "15.3.5"},
	205: {"Reset Content", 9110, "15.3.6"},
	206: {"Partial Content", 9110, "15.3.7"},
	207: {"Multi-Status", 4918, ""},
	208: {"Already Reported", 5842, ""},
	226: {"IM Used", 3229, ""},
	300: {"Multiple Choices", 9110, "15.4.1"},
	301: {"Moved Permanently", 9110, "15.4.2"},
	302: {"Found", 9110, "15.4.3"},
	303: {"See Other", 9110, "15.4.4"},
	304: {"Not Modified", 9110, "15.4.5"},
	305: {"Use Proxy", 9110, "15.4.6"},
	306: {"(Unused)", 9110, "15.4.7"},
	307: {"Temporary Redirect", 9110, "15.4.8"},
	308: {"Permanent Redirect", 9110, "15.4.9"},
	400: {"Bad Request", 9110, "15.5.1"},
	401: {"Unauthorized", 9110, "15.5.2"},
	402: {"Payment Required", 9110, "15.5.3"},
	403: {"Forbidden", 9110, "15.5.4"},
	404: {"Not Found", 9110, "15.5.5"},
	405: {"Method Not Allowed", 9110, "15.5.6"},
	406: {"Not Acceptable", 9110, "15.5.7"},
	407: {"Proxy Authentication Required", 9110, "15.5.8"},
	408: {"Request Timeout", 9110, "15.5.9"},
	409: {"Conflict", 9110, "15.5.10"},
	410: {"Gone", 9110, "15.5.11"},
	411: {"Length Required", 9110, "15.5.12"},
	412: {"Precondition Failed", 9110, "15.5.13"},
	413: {"Content Too Large", 9110, "15.5.14"},
	414: {"URI Too Long", 9110, "15.5.15"},
	415: {"Unsupported Media Type", 9110, "15.5.16"},
	416: {"Range Not Satisfiable", 9110, "15.5.17"},
	417: {"Expectation Failed", 9110, "15.5.18"},
	418: {"(Unused)", 9110, "15.5.19"},
	421: {"Misdirected Request", 9110, "15.5.20"},
	422: {"Unprocessable Content", 9110, "15.5.21"},
	423: {"Locked", 4918, ""},
	424: {"Failed Dependency", 4918, ""},
	425: {"Too Early", 8470, ""},
	426: {"Upgrade Required", 9110, "15.5.22"},
	428: {"Precondition Required", 6585, ""},
	429: {"Too Many Requests", 6585, ""},
	431: {"Request Header Fields Too Large", 6585, ""},
	451: {"Unavailable For Legal Reasons", 7725, ""},
	500: {"Internal Server Error", 9110, "15.6.1"},
	501: {"Not Implemented", 9110, "15.6.2"},
	502: {"Bad Gateway", 9110, "15.6.3"},
	503: {"Service Unavailable", 9110, "15.6.4"},
	504: {"Gateway Timeout", 9110, "15.6.5"},
	505: {"HTTP Version Not Supported", 9110, "15.6.6"},
	506: {"Variant Also Negotiates", 2295, ""},
	507: {"Insufficient Storage", 4918, ""},
	508: {"Loop Detected", 5842, ""},
	510: {"Not Extended (OBSOLETED)", 2774, ""},
	511: {"Network Authentication Required", 6585, ""},
}

// RegisteredReason returns the IANA reason phrase of code, if registered.
func RegisteredReason(code int) (string, bool) {
	r, ok := registry[code]
	return r.Reason, ok
}
