package client

type AddThingRequest struct {
	// This parameter is required.
	Name *string `json:"Name,omitempty" xml:"Name,omitempty"`
	// Valid values:
	//
	// - Small: a small thing.
	//
	// - **Large** (default): a large thing.
	//
	// example:
	//
	// Small
	Size *string `json:"Size,omitempty" xml:"Size,omitempty"`
	// Valid values:
	//
	// - 1
	//
	// - 2
	Level *int32 `json:"Level,omitempty" xml:"Level,omitempty"`
	// Separate several with commas. Valid values:
	//
	// - red
	// - blue
	Colors *string   `json:"Colors,omitempty" xml:"Colors,omitempty"`
	Tags   []*string `json:"Tags,omitempty" xml:"Tags,omitempty" type:"Repeated"`
}

type AddThingShrinkRequest struct {
	// This parameter is required.
	Name *string `json:"Name,omitempty" xml:"Name,omitempty"`
	// Valid values:
	//
	// - Small: a small thing.
	//
	// - **Large** (default): a large thing.
	Size *string `json:"Size,omitempty" xml:"Size,omitempty"`
	// Valid values:
	//
	// - 1
	//
	// - 2
	Level *int32 `json:"Level,omitempty" xml:"Level,omitempty"`
	// Separate several with commas. Valid values:
	//
	// - red
	// - blue
	Colors     *string  `json:"Colors,omitempty" xml:"Colors,omitempty"`
	TagsShrink *string  `json:"Tags,omitempty" xml:"Tags,omitempty"`
	Flags      []*int64 `json:"Flags,omitempty" xml:"Flags,omitempty" type:"Repeated"`
}

type AddThingResponse struct {
	Headers map[string]*string    `json:"headers,omitempty" xml:"headers,omitempty"`
	Body    *AddThingResponseBody `json:"body,omitempty" xml:"body,omitempty"`
}

type AddThingResponseBody struct {
	RequestId *string                      `json:"RequestId,omitempty" xml:"RequestId,omitempty"`
	Thing     *AddThingResponseBodyThing   `json:"Thing,omitempty" xml:"Thing,omitempty" type:"Struct"`
	Parts     []*AddThingResponseBodyThing `json:"Parts,omitempty" xml:"Parts,omitempty" type:"Repeated"`
	Total     *int64                       `json:"Total,omitempty" xml:"Total,omitempty"`
	Extra     map[string]interface{}       `json:"Extra,omitempty" xml:"Extra,omitempty"`
}

type AddThingResponseBodyThing struct {
	Id       *string  `json:"Id,omitempty" xml:"Id,omitempty"`
	Duration *float32 `json:"Duration,omitempty" xml:"Duration,omitempty"`
	Ok       *bool    `json:"Ok,omitempty" xml:"Ok,omitempty"`
}

type PingResponse struct {
	Body *PingResponseBody `json:"body,omitempty" xml:"body,omitempty"`
}

type PingResponseBody struct {
	RequestId *string `json:"RequestId,omitempty" xml:"RequestId,omitempty"`
}
