package snippets

import (
	"github.com/statusref/statusref/generator/examples"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestMapNginxPorts checks the port rule of the nginx sent_by scenarios:
// listens and upstreams mapped consistently, "nothing listens" upstreams
// left dead, the first listen the client's.
func TestMapNginxPorts(t *testing.T) {
	tests := []struct {
		name, in string
		want     nginxPorts
		wantErr  bool
	}{
		{
			name: "a listen and an upstream used twice",
			in:   "server {\n    listen 80;\n    location / { proxy_pass http://127.0.0.1:8080; }\n    location /b { proxy_pass http://localhost:8080; }\n}",
			want: nginxPorts{
				Config:   "server {\n    listen 127.0.0.1:1001;\n    location / { proxy_pass http://127.0.0.1:1002; }\n    location /b { proxy_pass http://127.0.0.1:1002; }\n}",
				Client:   1001,
				Upstream: []int{1002},
			},
		},
		{
			name: "ssl, two listens, a dead upstream",
			in:   "server {\n    listen 443 ssl;\n    listen 0.0.0.0:80;\n    proxy_pass http://127.0.0.1:9000;  # nothing listens on 9000\n}",
			want: nginxPorts{
				Config: "server {\n    listen 127.0.0.1:1001 ssl;\n    listen 127.0.0.1:1002;\n    proxy_pass http://127.0.0.1:1003;  # nothing listens on 9000\n}",
				Client: 1001, TLS: true,
				Dead: []int{1003},
			},
		},
		{name: "no listen", in: "upstream app { server 127.0.0.1:8080; }", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			next := 1000
			got, err := mapNginxPorts(tt.in, func() (int, error) { next++; return next, nil })
			if tt.wantErr {
				if err == nil {
					t.Fatalf("no error, want one")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mapNginxPorts (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCheckNginx checks how nginx's own codes are judged: as the client
// sees them and as the access log records them.
func TestCheckNginx(t *testing.T) {
	page := func(title string) string { return "<html><head><title>" + title + "</title></head></html>" }
	tests := []struct {
		name   string
		status int
		got    Response
		want   []string
	}{
		{"444 closed and logged", 444, Response{Logged: []int{444}}, nil},
		{"444 answered", 444, Response{Status: 200, Logged: []int{200}}, []string{
			"got status 200, want nginx to close the connection with no response (444)",
			"the access log records 200, want 444"}},
		{"499 logged", 499, Response{Logged: []int{499}}, nil},
		{"499 not logged", 499, Response{}, []string{"the access log records no request, want 499"}},
		{"495 as nginx's 400 page", 495, Response{Status: 400, Body: page("400 The SSL certificate error"), BodyLen: 10}, nil},
		{"495 as another 400", 495, Response{Status: 400, Body: page("400 Bad Request"), BodyLen: 55}, []string{
			`got a page that does not say "400 The SSL certificate error" (body: "<html><head><title>400 Bad Request</title></head></html>"), want nginx's page for 495`}},
		{"413 as such", 413, Response{Status: 200}, []string{"got status 200, want 413"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := checkNginx(examples.Want{Status: tt.status}, tt.got)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("checkNginx (-want +got):\n%s", diff)
			}
		})
	}
}
