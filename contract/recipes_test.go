package contract

import (
	"errors"
	"fmt"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/icefake/icefake/fake"
)

// docs/recipes.md shows these examples verbatim; go test
// runs them and checks their output.

// iceClient returns the official SDK client, pointed at srv.
func iceClient(srv *fake.Server) *ice.Client {
	c := srv.ClientConfig()
	client, err := ice.NewClient(&openapi.Config{AccessKeyId: &c.AccessKeyId,
		AccessKeySecret: &c.AccessKeySecret, Endpoint: &c.Endpoint, Protocol: &c.Protocol})
	if err != nil {
		panic(err)
	}
	return client
}

// Example_throttleThenSucceed throttles the second CreateEditingProject
// call once. The SDK never retries a 400, even with Autoretry, so the
// caller retries Throttling.User itself.
func Example_throttleThenSucceed() {
	srv, err := fake.Start(fake.WithSeed(1), fake.WithStartTime(fake.DefaultStartTime),
		fake.WithFaults(fake.Fault{Action: "CreateEditingProject", After: 1, Times: 1, Code: "Throttling.User"}))
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	client := iceClient(srv)

	for _, title := range []string{"first", "second"} {
		for attempt := 1; ; attempt++ {
			_, err := client.CreateEditingProject(&ice.CreateEditingProjectRequest{Title: tea.String(title)})
			var se *tea.SDKError
			if errors.As(err, &se) && tea.StringValue(se.Code) == "Throttling.User" {
				fmt.Printf("%s: attempt %d throttled (HTTP %d)\n", title, attempt, tea.IntValue(se.StatusCode))
				continue // real code backs off first
			}
			if err != nil {
				panic(err)
			}
			fmt.Printf("%s: attempt %d ok\n", title, attempt)
			break
		}
	}
	fmt.Println("calls:", srv.CallCount("CreateEditingProject"))
	// Output:
	// first: attempt 1 ok
	// second: attempt 1 throttled (HTTP 400)
	// second: attempt 2 ok
	// calls: 3
}

// Example_failAProductionJob submits a Timeline whose clip names a MediaId
// the fake does not know: the job is accepted, then fails with
// QueryMaterialFailed once the virtual clock passes its end.
func Example_failAProductionJob() {
	srv, err := fake.Start(fake.WithSeed(1), fake.WithStartTime(fake.DefaultStartTime))
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	client := iceClient(srv)

	submitted, err := client.SubmitMediaProducingJob(&ice.SubmitMediaProducingJobRequest{
		Timeline:          tea.String(`{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"no-such-media"}]}]}`),
		OutputMediaConfig: tea.String(`{"MediaURL":"https://bucket.oss-cn-shanghai.aliyuncs.com/out.mp4"}`),
	})
	if err != nil {
		panic(err)
	}
	job := func() *ice.GetMediaProducingJobResponseBodyMediaProducingJob {
		res, err := client.GetMediaProducingJob(&ice.GetMediaProducingJobRequest{JobId: submitted.Body.JobId})
		if err != nil {
			panic(err)
		}
		return res.Body.MediaProducingJob
	}
	fmt.Println(tea.StringValue(job().Status))

	srv.Advance(time.Minute) // jobs move on the virtual clock only
	j := job()
	fmt.Println(tea.StringValue(j.Status), tea.StringValue(j.Code))
	fmt.Println(tea.StringValue(j.Message))
	project, err := client.GetEditingProject(&ice.GetEditingProjectRequest{ProjectId: j.ProjectId})
	if err != nil {
		panic(err)
	}
	fmt.Println("project:", tea.StringValue(project.Body.Project.Status))
	// Output:
	// Queuing
	// Failed QueryMaterialFailed
	// The specified material query failed for clips "no-such-media"
	// project: ProduceFailed
}

// Example_outageWindow answers ServiceUnavailable between 00:05 and 00:10
// of the virtual clock; srv.Advance moves the client into the outage and
// out again, without sleeping.
func Example_outageWindow() {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	srv, err := fake.Start(fake.WithSeed(1), fake.WithStartTime(start), fake.WithFaults(fake.Fault{
		Action: "CreateEditingProject", Code: "ServiceUnavailable",
		From: start.Add(5 * time.Minute), Until: start.Add(10 * time.Minute),
	}))
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	client := iceClient(srv)

	for range 3 {
		_, err := client.CreateEditingProject(&ice.CreateEditingProjectRequest{Title: tea.String("t")})
		var se *tea.SDKError
		switch {
		case errors.As(err, &se):
			fmt.Println(srv.Now().Format("15:04"), tea.StringValue(se.Code), tea.IntValue(se.StatusCode))
		case err != nil:
			panic(err)
		default:
			fmt.Println(srv.Now().Format("15:04"), "ok")
		}
		srv.Advance(5 * time.Minute)
	}
	// Output:
	// 00:00 ok
	// 00:05 ServiceUnavailable 503
	// 00:10 ok
}

// Example_assertWhatTheClientSent reads the journal: the parameters the
// client sent, exactly as sent. In a test, srv.ExpectCalls(t, 1, match)
// asserts the same and prints the nearest misses when it fails.
func Example_assertWhatTheClientSent() {
	srv, err := fake.Start(fake.WithSeed(1), fake.WithStartTime(fake.DefaultStartTime))
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	client := iceClient(srv)

	// The code under test.
	_, err = client.CreateEditingProject(&ice.CreateEditingProjectRequest{
		Title:    tea.String("weekly recap"),
		Timeline: tea.String(`{"VideoTracks":[{"VideoTrackClips":[{"MediaURL":"https://bucket.oss-cn-shanghai.aliyuncs.com/a.mp4"}]}]}`),
	})
	if err != nil {
		panic(err)
	}

	match := fake.CallMatch{Action: "CreateEditingProject", Params: map[string]string{"Title": "weekly recap"}}
	for _, c := range srv.MatchingCalls(match) {
		fmt.Println(c.Status, c.Tenant, c.Params["Title"])
		fmt.Println(c.Params["Timeline"])
	}
	// Output:
	// 200 testAccessKeyId weekly recap
	// {"VideoTracks":[{"VideoTrackClips":[{"MediaURL":"https://bucket.oss-cn-shanghai.aliyuncs.com/a.mp4"}]}]}
}
