// A synthetic older model: one Action the newer lacks, and a parameter and
// response field the newer dropped.
package client

type Client struct{}

func (client *Client) AddThingWithOptions(request *AddThingRequest, runtime *RuntimeOptions) (_result *AddThingResponse, _err error) {
	params := &Params{Action: String("AddThing"), AuthType: String("Anonymous")}
	_ = params
	return nil, nil
}

func (client *Client) OldThingWithOptions(runtime *RuntimeOptions) (_result *OldThingResponse, _err error) {
	params := &Params{Action: String("OldThing"), AuthType: String("Anonymous")}
	_ = params
	return nil, nil
}

type RuntimeOptions struct{}
type Params struct{ Action, AuthType *string }

func String(s string) *string { return &s }

type AddThingRequest struct {
	// This parameter is required.
	Name *string `json:"Name,omitempty" xml:"Name,omitempty"`
	// This parameter is required.
	AppId *string `json:"AppId,omitempty" xml:"AppId,omitempty"`
}

type AddThingResponse struct {
	Body *AddThingResponseBody `json:"body,omitempty" xml:"body,omitempty"`
}

type AddThingResponseBody struct {
	RequestId *string                    `json:"RequestId,omitempty" xml:"RequestId,omitempty"`
	Thing     *AddThingResponseBodyThing `json:"Thing,omitempty" xml:"Thing,omitempty" type:"Struct"`
	Total     *string                    `json:"Total,omitempty" xml:"Total,omitempty"`
}

type AddThingResponseBodyThing struct {
	Id     *string `json:"Id,omitempty" xml:"Id,omitempty"`
	Legacy *int32  `json:"Legacy,omitempty" xml:"Legacy,omitempty"`
}

type OldThingResponse struct {
	Body *OldThingResponseBody `json:"body,omitempty" xml:"body,omitempty"`
}

type OldThingResponseBody struct {
	RequestId *string `json:"RequestId,omitempty" xml:"RequestId,omitempty"`
}
