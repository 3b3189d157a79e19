package contract

import (
	"strings"
	"testing"

	ice "github.com/alibabacloud-go/ice-20201109/v2/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCategoryActions: AddCategory, GetCategories, UpdateCategory and
// DeleteCategory through SDK v2.1.0 on a three-level tree, errors included;
// every number decodes as the SDK's int64.
func TestCategoryActions(t *testing.T) {
	forEachTarget(t, mediaScenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "creates and deletes categories of the account")
		add := func(req *ice.AddCategoryRequest) *ice.AddCategoryResponseBodyCategory {
			t.Helper()
			resp, err := tg.client.AddCategory(req)
			require.NoError(t, err, "AddCategory %s", tea.StringValue(req.CateName))
			assert.Regexp(t, reRequestID, tea.StringValue(resp.Body.RequestId))
			return resp.Body.Category
		}
		root := add(&ice.AddCategoryRequest{CateName: tea.String("News")})
		assert.Equal(t, &ice.AddCategoryResponseBodyCategory{CateId: tea.Int64(1), CateName: tea.String("News"), Level: tea.Int64(0),
			ParentId: tea.Int64(-1), Type: tea.String("default")}, root)
		child := add(&ice.AddCategoryRequest{CateName: tea.String("Sports"), ParentId: root.CateId})
		assert.Equal(t, &ice.AddCategoryResponseBodyCategory{CateId: tea.Int64(2), CateName: tea.String("Sports"), Level: tea.Int64(1),
			ParentId: tea.Int64(1), Type: tea.String("default")}, child)
		leaf := add(&ice.AddCategoryRequest{CateName: tea.String("Football"), ParentId: child.CateId})
		assert.Equal(t, int64(2), tea.Int64Value(leaf.Level))
		mat := add(&ice.AddCategoryRequest{CateName: tea.String("Clips"), Type: tea.String("material")})
		assert.Equal(t, "material", tea.StringValue(mat.Type))

		got, err := tg.client.GetCategories(&ice.GetCategoriesRequest{CateId: root.CateId, SortBy: tea.String("CreationTime:Asc"), PageSize: tea.Int64(10)})
		require.NoError(t, err, "GetCategories")
		assert.Equal(t, &ice.GetCategoriesResponseBodyCategory{CateId: tea.Int64(1), CateName: tea.String("News"), Level: tea.Int64(0),
			ParentId: tea.Int64(-1), Type: tea.String("default")}, got.Body.Category)
		assert.Equal(t, int64(1), tea.Int64Value(got.Body.SubTotal))
		require.NotNil(t, got.Body.SubCategories)
		assert.Equal(t, []*ice.GetCategoriesResponseBodySubCategoriesCategory{{CateId: tea.Int64(2), CateName: tea.String("Sports"),
			Level: tea.Int64(1), ParentId: tea.Int64(1), SubTotal: tea.Int64(1), Type: tea.String("default")}}, got.Body.SubCategories.Category)

		top, err := tg.client.GetCategories(&ice.GetCategoriesRequest{Type: tea.String("material")})
		require.NoError(t, err, "GetCategories of the material top level")
		assert.Nil(t, top.Body.Category, "no Category without CateId")
		require.Len(t, top.Body.SubCategories.Category, 1)
		assert.Equal(t, mat.CateId, top.Body.SubCategories.Category[0].CateId)

		_, err = tg.client.UpdateCategory(&ice.UpdateCategoryRequest{CateId: child.CateId, CateName: tea.String("Sport")})
		require.NoError(t, err, "UpdateCategory")
		renamed, err := tg.client.GetCategories(&ice.GetCategoriesRequest{CateId: child.CateId})
		require.NoError(t, err)
		assert.Equal(t, "Sport", tea.StringValue(renamed.Body.Category.CateName))

		_, err = tg.client.AddCategory(&ice.AddCategoryRequest{CateName: tea.String("Level 4"), ParentId: leaf.CateId})
		wantAPIError(t, tg, err, 400, "LevelExceededMax")
		_, err = tg.client.AddCategory(&ice.AddCategoryRequest{CateName: tea.String("orphan"), ParentId: tea.Int64(999)})
		wantAPIError(t, tg, err, 404, "InvalidCateId.NotFound")
		_, err = tg.client.AddCategory(&ice.AddCategoryRequest{CateName: tea.String(strings.Repeat("x", 65))})
		env := wantAPIError(t, tg, err, 400, "InvalidParameter")
		assert.Contains(t, env.Message, `"CateName"`)
		_, err = tg.client.AddCategory(&ice.AddCategoryRequest{})
		wantAPIError(t, tg, err, 400, "MissingParameter")
		_, err = tg.client.GetCategories(&ice.GetCategoriesRequest{PageSize: tea.Int64(5)})
		wantAPIError(t, tg, err, 400, "InvalidParameter")
		_, err = tg.client.UpdateCategory(&ice.UpdateCategoryRequest{CateId: tea.Int64(999), CateName: tea.String("x")})
		wantAPIError(t, tg, err, 404, "InvalidCateId.NotFound")
		other := tg.clientWith(t, otherKeyID, otherSecret)
		_, err = other.GetCategories(&ice.GetCategoriesRequest{CateId: root.CateId})
		wantAPIError(t, tg, err, 404, "InvalidCateId.NotFound")

		_, err = tg.client.DeleteCategory(&ice.DeleteCategoryRequest{CateId: child.CateId})
		require.NoError(t, err, "DeleteCategory")
		for _, id := range []*int64{child.CateId, leaf.CateId} {
			_, err = tg.client.GetCategories(&ice.GetCategoriesRequest{CateId: id})
			wantAPIError(t, tg, err, 404, "InvalidCateId.NotFound")
		}
		_, err = tg.client.DeleteCategory(&ice.DeleteCategoryRequest{CateId: child.CateId})
		wantAPIError(t, tg, err, 404, "InvalidCateId.NotFound")
		_, err = tg.client.DeleteCategory(&ice.DeleteCategoryRequest{})
		wantAPIError(t, tg, err, 400, "MissingParameter")
	})
}

// TestMediaCateNameThroughSDK: GetMediaInfo names the category of a
// registered medium's CateId, and shows none once the category is deleted.
func TestMediaCateNameThroughSDK(t *testing.T) {
	forEachTarget(t, productionScenario, func(t *testing.T, tg *target) {
		tg.fakeOnly(t, "registers a URL the real service cannot reach")
		cat, err := tg.client.AddCategory(&ice.AddCategoryRequest{CateName: tea.String("Intros")})
		require.NoError(t, err, "AddCategory")
		id := mustRegister(t, tg, &ice.RegisterMediaInfoRequest{InputURL: tea.String(introURL), CateId: cat.Body.Category.CateId})
		b := mustMediaInfo(t, tg, &ice.GetMediaInfoRequest{MediaId: tea.String(id)}).MediaBasicInfo
		assert.Equal(t, tea.Int64Value(cat.Body.Category.CateId), tea.Int64Value(b.CateId), "CateId")
		assert.Equal(t, "Intros", tea.StringValue(b.CateName), "CateName")

		_, err = tg.client.DeleteCategory(&ice.DeleteCategoryRequest{CateId: cat.Body.Category.CateId})
		require.NoError(t, err, "DeleteCategory")
		b = mustMediaInfo(t, tg, &ice.GetMediaInfoRequest{MediaId: tea.String(id)}).MediaBasicInfo
		assert.Nil(t, b.CateId, "CateId after the category is deleted")
		assert.Nil(t, b.CateName, "CateName after the category is deleted")
	})
}
