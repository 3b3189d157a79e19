package fake_test

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"net/url"
	"time"

	"github.com/icefake/icefake/fake"
)

// ExampleNew mounts the fake's Handler without a socket and calls it over
// plain HTTP. Signatures are switched off here to keep the request short;
// real SDKs sign, and icefake verifies by default.
func ExampleNew() {
	srv, err := fake.New(fake.WithAuthMode(fake.AuthOff), fake.WithStartTime(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)), fake.WithSeed(7),
		fake.WithMedia(fake.Media{MediaId: "****4d7cf14dc7b83b0e801c****", Duration: 12.5}))
	if err != nil {
		panic(err)
	}
	q := url.Values{
		"Action": {"CreateEditingProject"}, "Version": {"2020-11-09"}, "AccessKeyId": {fake.DefaultAccessKeyId},
		"Title":    {"example"},
		"Timeline": {`{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"****4d7cf14dc7b83b0e801c****"},{"MediaId":"****4d7cf14dc7b83b0e801c****"}]}]}`},
	}
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, httptest.NewRequest("POST", "/?"+q.Encode(), nil))

	var body struct {
		Project struct {
			Status     int
			StatusName string
			Duration   float64
			CreateTime string
		}
	}
	_ = json.Unmarshal(rec.Body.Bytes(), &body)
	fmt.Println(rec.Code, body.Project.Status, body.Project.StatusName, body.Project.Duration, body.Project.CreateTime)
	// Output: 200 2 Editing 25 2024-01-01T00:00:00Z
}

// ExampleServer_InjectFault makes the second CreateEditingProject call fail
// with Throttling.User, then lets later calls through.
func ExampleServer_InjectFault() {
	srv, _ := fake.New(fake.WithAuthMode(fake.AuthOff))
	_, _ = srv.InjectFault(fake.Fault{Action: "CreateEditingProject", After: 1, Times: 1, Code: "Throttling.User"})
	for i := 0; i < 3; i++ {
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/?Action=CreateEditingProject&Version=2020-11-09&Title=t", nil))
		fmt.Printf("%d retry-after=%q\n", rec.Code, rec.Header().Get("x-acs-retry-after"))
	}
	// Output:
	// 200 retry-after=""
	// 400 retry-after="1000"
	// 200 retry-after=""
}

// ExampleServer_Calls reads the journal: what the client sent and why icefake
// answered as it did.
func ExampleServer_Calls() {
	srv, _ := fake.New(fake.WithAuthMode(fake.AuthOff))
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/?Action=GetEditingProject&Version=2020-11-09&ProjectId=nope", nil))
	for _, c := range srv.Calls("GetEditingProject") {
		fmt.Println(c.Action, c.Params["ProjectId"], c.Status, c.Code)
	}
	// Output: GetEditingProject nope 404 ProjectNotFound
}
