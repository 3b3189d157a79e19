package fake

import (
	"cmp"
	"slices"
	"strconv"
	"time"
)

// The category Actions (AddCategory, GetCategories, UpdateCategory,
// DeleteCategory): a tenant's media asset categories, a forest of at most
// three levels per Type (docs/fidelity.md "Categories").

// Category codes, from VOD's reference of the same operations.
const (
	CodeInvalidCateIdNotFound Code = "InvalidCateId.NotFound" // 404
	CodeLevelExceededMax      Code = "LevelExceededMax"       // 400
	CodeSubTotalExceededMax   Code = "SubTotalExceededMax"    // 400
)

// Category limits and defaults (docs/fidelity.md "Categories").
const (
	categoryTypeDefault     = "default"
	categoryMaxLevel        = 2 // Level 0, 1, 2: three levels
	categoryMaxChildren     = 100
	categoryNameMaxBytes    = 64
	defaultCategoryPageSize = 10
	categoryRootParent      = -1
	categorySortCreationAsc = "CreationTime:Asc"
)

// category is one category of a tenant.
type category struct {
	ID       int64
	Name     string
	ParentID int64 // categoryRootParent for a level-1 category
	Level    int64
	Type     string
	Created  time.Time
}

// categories is a tenant's category forest.
type categories struct {
	byID     map[int64]*category
	children map[int64][]int64 // ParentID → child IDs in creation order; roots under categoryRootParent
	nextID   int64
}

// categoriesOf returns tenant's categories, nil when it has none yet.
// Callers hold st.mu.
func (st *store) categoriesOf(tenant string) *categories {
	if t := st.tenants[tenant]; t != nil {
		return t.categories
	}
	return nil
}

// get returns the category id, nil when cs is nil or has none.
func (cs *categories) get(id int64) *category {
	if cs == nil {
		return nil
	}
	return cs.byID[id]
}

// nameOf returns the name of category id, "" when there is none.
func (cs *categories) nameOf(id *int64) string {
	if id == nil {
		return ""
	}
	if c := cs.get(*id); c != nil {
		return c.Name
	}
	return ""
}

// childrenOf returns the categories under parent of type typ (roots when
// parent is categoryRootParent), in creation order.
func (cs *categories) childrenOf(parent int64, typ string) []*category {
	if cs == nil {
		return nil
	}
	var out []*category
	for _, id := range cs.children[parent] {
		if c := cs.byID[id]; c.Type == typ {
			out = append(out, c)
		}
	}
	return out
}

// subtree returns id and every category below it.
func (cs *categories) subtree(id int64) map[int64]bool {
	out := map[int64]bool{id: true}
	for queue := []int64{id}; len(queue) > 0; queue = queue[1:] {
		for _, child := range cs.children[queue[0]] {
			out[child] = true
			queue = append(queue, child)
		}
	}
	return out
}

// categoryNotFound is 404 InvalidCateId.NotFound naming the id.
func categoryNotFound(id int64) *APIError {
	e := NewError(CodeInvalidCateIdNotFound)
	e.Message += " CateId " + strconv.FormatInt(id, 10) + " is not a category of this account."
	e.Explain = "no category " + strconv.FormatInt(id, 10)
	return e
}

// checkCateName: at most 64 bytes.
func checkCateName(name string) error {
	if len(name) > categoryNameMaxBytes {
		return invalidParameter("CateName", "At most %d bytes, got %d.", categoryNameMaxBytes, len(name))
	}
	return nil
}

// int64Param returns the validated int64 parameter name and whether it was
// given.
func int64Param(c *call, name string) (int64, bool, error) {
	v := c.Params.Get(name)
	if v == "" {
		return 0, false, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, false, invalidParameter(name, "%q is not an int64.", v)
	}
	return n, true, nil
}

// categoryBody is a category as AddCategory and GetCategories answer it.
type categoryBody struct {
	CateId   int64  `json:"CateId"`
	CateName string `json:"CateName"`
	Level    int64  `json:"Level"`
	ParentId int64  `json:"ParentId"`
	Type     string `json:"Type"`
}

func (c *category) body() categoryBody {
	return categoryBody{CateId: c.ID, CateName: c.Name, Level: c.Level, ParentId: c.ParentID, Type: c.Type}
}

type addCategoryResponse struct {
	meta
	Category categoryBody `json:"Category"`
}

func (s *Server) addCategory(c *call) (response, error) {
	p := c.Params
	name := p.Get("CateName")
	if err := checkCateName(name); err != nil {
		return nil, err
	}
	parentID, hasParent, err := int64Param(c, "ParentId")
	if err != nil {
		return nil, err
	}
	if parentID < 1 {
		hasParent, parentID = false, categoryRootParent
	}
	s.store.mu.Lock()
	defer s.store.mu.Unlock()
	cs := s.store.categoriesOf(c.Tenant)
	cat := &category{Name: name, ParentID: parentID, Type: cmp.Or(p.Get("Type"), categoryTypeDefault), Created: c.Now}
	if hasParent {
		parent := cs.get(parentID)
		if parent == nil {
			return nil, categoryNotFound(parentID)
		}
		if t := p.Get("Type"); t != "" && t != parent.Type {
			return nil, invalidParameter("Type", "The parent category %d is of Type %s, not %s.", parentID, parent.Type, t)
		}
		if parent.Level >= categoryMaxLevel {
			e := NewError(CodeLevelExceededMax)
			e.Message += " Categories have at most 3 levels (Level 0 to 2); category " + strconv.FormatInt(parentID, 10) + " is at Level 2."
			return nil, e
		}
		cat.Type, cat.Level = parent.Type, parent.Level+1
	}
	if len(cs.childrenOf(parentID, cat.Type)) >= categoryMaxChildren {
		e := NewError(CodeSubTotalExceededMax)
		e.Message += " A category level holds at most 100 categories."
		return nil, e
	}
	if cs == nil {
		cs = &categories{byID: map[int64]*category{}, children: map[int64][]int64{}}
		s.store.tenant(c.Tenant).categories = cs
	}
	cs.nextID++
	cat.ID = cs.nextID
	cs.byID[cat.ID] = cat
	cs.children[parentID] = append(cs.children[parentID], cat.ID)
	return &addCategoryResponse{Category: cat.body()}, nil
}

// subCategoryBody is one entry of GetCategories' SubCategories.
type subCategoryBody struct {
	CateId   int64  `json:"CateId"`
	CateName string `json:"CateName"`
	Level    int64  `json:"Level"`
	ParentId int64  `json:"ParentId"`
	SubTotal int64  `json:"SubTotal"`
	Type     string `json:"Type"`
}

type subCategoriesBody struct {
	Category []subCategoryBody `json:"Category"`
}

type getCategoriesResponse struct {
	meta
	Category      *categoryBody     `json:"Category,omitempty"`
	SubCategories subCategoriesBody `json:"SubCategories"`
	SubTotal      int64             `json:"SubTotal"`
}

func (s *Server) getCategories(c *call) (response, error) {
	p := c.Params
	id, hasID, err := int64Param(c, "CateId")
	if err != nil {
		return nil, err
	}
	page, err := intParam(c, "PageNo", 1, 1, 1<<31-1)
	if err != nil {
		return nil, err
	}
	size, err := intParam(c, "PageSize", defaultCategoryPageSize, 10, 100)
	if err != nil {
		return nil, err
	}
	s.store.mu.RLock()
	defer s.store.mu.RUnlock()
	cs := s.store.categoriesOf(c.Tenant)
	out := &getCategoriesResponse{SubCategories: subCategoriesBody{Category: []subCategoryBody{}}}
	parent, typ := int64(categoryRootParent), cmp.Or(p.Get("Type"), categoryTypeDefault)
	if hasID {
		cat := cs.get(id)
		if cat == nil || (p.Get("Type") != "" && p.Get("Type") != cat.Type) {
			return nil, categoryNotFound(id)
		}
		b := cat.body()
		out.Category, parent, typ = &b, id, cat.Type
	}
	subs := cs.childrenOf(parent, typ)
	if p.Get("SortBy") != categorySortCreationAsc {
		subs = slices.Clone(subs)
		slices.SortStableFunc(subs, func(a, b *category) int {
			if d := b.Created.Compare(a.Created); d != 0 {
				return d
			}
			return cmp.Compare(b.ID, a.ID)
		})
	}
	out.SubTotal = int64(len(subs))
	for i := (page - 1) * size; i < len(subs) && i < page*size; i++ {
		sc := subs[i]
		out.SubCategories.Category = append(out.SubCategories.Category, subCategoryBody{
			CateId: sc.ID, CateName: sc.Name, Level: sc.Level, ParentId: sc.ParentID, Type: sc.Type,
			SubTotal: int64(len(cs.children[sc.ID])),
		})
	}
	return out, nil
}

func (s *Server) updateCategory(c *call) (response, error) {
	id, _, err := int64Param(c, "CateId")
	if err != nil {
		return nil, err
	}
	name := c.Params.Get("CateName")
	if err := checkCateName(name); err != nil {
		return nil, err
	}
	s.store.mu.Lock()
	defer s.store.mu.Unlock()
	cat := s.store.categoriesOf(c.Tenant).get(id)
	if cat == nil {
		return nil, categoryNotFound(id)
	}
	cat.Name = name
	return &requestIDResponse{}, nil
}

// deleteCategory removes the category and its subcategories; the tenant's
// media in any of them become unclassified.
func (s *Server) deleteCategory(c *call) (response, error) {
	id, _, err := int64Param(c, "CateId")
	if err != nil {
		return nil, err
	}
	s.store.mu.Lock()
	defer s.store.mu.Unlock()
	t := s.store.tenants[c.Tenant]
	cs := s.store.categoriesOf(c.Tenant)
	cat := cs.get(id)
	if cat == nil {
		return nil, categoryNotFound(id)
	}
	gone := cs.subtree(id)
	for cid := range gone {
		delete(cs.byID, cid)
		delete(cs.children, cid)
	}
	cs.children[cat.ParentID] = slices.DeleteFunc(cs.children[cat.ParentID], func(x int64) bool { return x == id })
	if t.prod != nil {
		for _, a := range t.prod.assets {
			if a.CateId != nil && gone[*a.CateId] {
				a.CateId = nil
			}
		}
	}
	return &requestIDResponse{}, nil
}
