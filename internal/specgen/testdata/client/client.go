// A trimmed, synthetic model in the layout of the SDK's client/ directory.
package client

type Client struct{}

func (client *Client) AddThingWithOptions(tmpReq *AddThingRequest, runtime *RuntimeOptions) (_result *AddThingResponse, _err error) {
	request := &AddThingShrinkRequest{}
	params := &Params{
		Action:   String("AddThing"),
		AuthType: String("AK"),
	}
	_, _ = request, params
	return nil, nil
}

func (client *Client) PingWithOptions(runtime *RuntimeOptions) (_result *PingResponse, _err error) {
	params := &Params{Action: String("Ping"), AuthType: String("Anonymous")}
	_ = params
	return nil, nil
}

type RuntimeOptions struct{}
type Params struct{ Action, AuthType *string }

func String(s string) *string { return &s }
