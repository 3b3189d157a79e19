package contract

import (
	"fmt"
	"sync"
	"testing"

	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/assert"
)

// TestConcurrentCreates runs 32 goroutines × 8 creates against one target
// (meant for -race): every create succeeds, every ProjectId is distinct and
// every project reads back with its own Title.
//
// Each goroutine has its own SDK client: darabonba-openapi v2.0.2's Client is
// not safe for concurrent use (DoRPCRequest writes client.Headers through
// GetRpcHeaders; -race reports it), so sharing one would test the SDK.
func TestConcurrentCreates(t *testing.T) {
	const workers, perWorker = 32, 8
	forEachTarget(t, mediaScenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "creates 256 projects")
		var (
			mu     sync.Mutex
			titles = make(map[string]string, workers*perWorker) // ProjectId → Title
			dups   []string
			wg     sync.WaitGroup
		)
		clients := make([]*ice.Client, workers)
		for w := range clients {
			clients[w] = tg.newClient(t)
		}
		for w, client := range clients {
			wg.Go(func() {
				for i := range perWorker {
					title := fmt.Sprintf("worker %02d create %d", w, i)
					resp, err := client.CreateEditingProject(&ice.CreateEditingProjectRequest{
						Title:    tea.String(title),
						Timeline: tea.String(timeline342),
					})
					if err != nil {
						t.Errorf("CreateEditingProject(%q) = %v", title, err)
						continue
					}
					id := tea.StringValue(resp.Body.Project.ProjectId)
					mu.Lock()
					if _, seen := titles[id]; seen {
						dups = append(dups, id)
					}
					titles[id] = title
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		assert.Empty(t, dups, "ProjectIds returned twice")
		assert.Len(t, titles, workers*perWorker, "distinct ProjectIds")

		ids := make(chan string)
		for _, client := range clients {
			wg.Go(func() {
				for id := range ids {
					resp, err := client.GetEditingProject(&ice.GetEditingProjectRequest{ProjectId: tea.String(id)})
					if err != nil {
						t.Errorf("GetEditingProject(%s) = %v", id, err)
						continue
					}
					if got := tea.StringValue(resp.Body.Project.Title); got != titles[id] {
						t.Errorf("GetEditingProject(%s) Title = %q, want %q", id, got, titles[id])
					}
				}
			})
		}
		for id := range titles {
			ids <- id
		}
		close(ids)
		wg.Wait()

		if n, ok := projectCount(t, tg); ok {
			assert.Equal(t, workers*perWorker, n, "projects stored")
		}
	})
}
