package contract

import (
	"fmt"
	"testing"

	openapiclient "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/icefake/icefake/fake"
)

func TestQuick(t *testing.T) {
	srv := fake.StartT(t)
	c := srv.ClientConfig()
	client, err := ice.NewClient(&openapiclient.Config{AccessKeyId: &c.AccessKeyId, AccessKeySecret: &c.AccessKeySecret, Endpoint: &c.Endpoint, Protocol: &c.Protocol})
	if err != nil {
		t.Fatal(err)
	}
	res, err := client.CreateEditingProject(&ice.CreateEditingProjectRequest{Title: tea.String("a b+c*~"), Timeline: tea.String(`{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"x","Out":3.5}]}]}`)})
	fmt.Println(res, err)
	g, err := client.GetEditingProject(&ice.GetEditingProjectRequest{ProjectId: res.Body.Project.ProjectId})
	fmt.Println(g, err)
	_, err = client.CreateEditingProject(&ice.CreateEditingProjectRequest{})
	fmt.Println(err)
	fmt.Println(srv.Calls())
}
