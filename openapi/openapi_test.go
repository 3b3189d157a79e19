package openapi

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestLoad(t *testing.T) {
	s, err := Load()
	require.NoError(t, err)
	require.Contains(t, s.Operations, "CreateEditingProject")
	require.Equal(t, 400, s.Errors["Throttling.User"].Status)
}
