package contract

import (
	"os"
	"testing"

	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"
)

// The real-service switch: ICEFAKE_CONTRACT=real aims every contract test at
// the ICE endpoint in ICEFAKE_REAL_ENDPOINT (e.g. ice.cn-shanghai.aliyuncs.com,
// over HTTPS) with the credentials in the standard Alibaba Cloud variables.
// Without it the "real" subtests are skipped, like miniredis's INT=1.
const (
	envContract     = "ICEFAKE_CONTRACT"
	envRealEndpoint = "ICEFAKE_REAL_ENDPOINT"
	envKeyID        = "ALIBABA_CLOUD_ACCESS_KEY_ID"
	envKeySecret    = "ALIBABA_CLOUD_ACCESS_KEY_SECRET"
)

func realEnabled() bool { return os.Getenv(envContract) == "real" }

// realTarget returns the real service as a target, or skips the test when
// real mode is off. Real mode with a variable missing fails: it was asked for.
func realTarget(t *testing.T) *target {
	t.Helper()
	if !realEnabled() {
		t.Skipf("real service: set %s=real, %s, %s and %s", envContract, envKeyID, envKeySecret, envRealEndpoint)
	}
	id, secret, endpoint := os.Getenv(envKeyID), os.Getenv(envKeySecret), os.Getenv(envRealEndpoint)
	if id == "" || secret == "" || endpoint == "" {
		t.Fatalf("%s=real needs %s, %s and %s", envContract, envKeyID, envKeySecret, envRealEndpoint)
	}
	return newTarget(t, "real", endpoint, "https", id, secret)
}

// track deletes a project created on the real service when the test ends;
// the fakes forget everything anyway.
func (tg *target) track(t *testing.T, projectID string) {
	t.Helper()
	if tg.isFake() || projectID == "" {
		return
	}
	t.Cleanup(func() {
		if _, err := tg.client.DeleteEditingProjects(&ice.DeleteEditingProjectsRequest{ProjectIds: tea.String(projectID)}); err != nil {
			t.Logf("cleanup: DeleteEditingProjects(%s) = %v", projectID, err)
		}
	})
}
