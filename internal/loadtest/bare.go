package loadtest

import "net/http"

// BareBody is the fixed CreateEditingProject answer of BareHandler: the
// Project icefake returns for the load client's call, byte for byte in shape.
const BareBody = `{"RequestId":"6AE6783F-4FBD-491B-AEB8-8B73A48ED247","Project":{"ProjectId":"dbe5882e2579683432c1bfc525454add","Title":"load test project","Timeline":"{\"VideoTracks\":[{\"VideoTrackClips\":[{\"MediaId\":\"****4d7cf14dc7b83b0e801c****\",\"In\":0,\"Out\":9,\"Speed\":1}]}]}","Duration":9,"Status":2,"StatusName":"Editing","CreateSource":"OpenAPI","ModifiedSource":"OpenAPI","CreateTime":"2024-01-01T00:00:00Z","ModifiedTime":"2024-01-01T00:00:00Z","ProjectType":"EditingProject"}}`

// BareHandler answers every request with BareBody and the headers icefake
// sets, doing nothing else: the floor of what a Go HTTP server costs.
func BareHandler() http.Handler {
	body := []byte(BareBody)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "application/json;charset=utf-8")
		h.Set("x-acs-request-id", "6AE6783F-4FBD-491B-AEB8-8B73A48ED247")
		_, _ = w.Write(body)
	})
}
