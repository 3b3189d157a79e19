// Contract tests: unmodified Node.js Alibaba Cloud clients against icefake.
//
// Run by TestNodeClients (contract/node_test.go), which starts the icefake
// binary and sets, for `node --test` in this directory:
//
//	ICEFAKE_ENDPOINT           host:port of the fake (e.g. 127.0.0.1:41234)
//	ICEFAKE_ACCESS_KEY_ID      an accepted AccessKey ID
//	ICEFAKE_ACCESS_KEY_SECRET  its secret
//
// Clients (pinned in package.json, behaviour in docs/fidelity.md "Signatures"):
//   - @alicloud/pop-core 1.8.0: V1 (HMAC-SHA1) only; GET puts everything in
//     the query, POST everything in a form body. It ignores the HTTP status
//     and throws for any body whose Code is not OK-like.
//   - @alicloud/openapi-client 0.4.x: V3 (ACS3-HMAC-SHA256) by default;
//     _signatureAlgorithm = "v2" (what generated product clients such as ICE
//     set) selects V1. Errors are tea ResponseErrors.

import assert from 'node:assert/strict';
import diagnosticsChannel from 'node:diagnostics_channel';
import { describe, test } from 'node:test';

import RPCClient from '@alicloud/pop-core';
import OpenApi from '@alicloud/openapi-client';

const OpenApiClient = OpenApi.default;
const { Config, Params, OpenApiRequest } = OpenApi;

const endpoint = process.env.ICEFAKE_ENDPOINT;
const keyID = process.env.ICEFAKE_ACCESS_KEY_ID;
const secret = process.env.ICEFAKE_ACCESS_KEY_SECRET;
if (!endpoint || !keyID || !secret) {
  throw new Error(
    'set ICEFAKE_ENDPOINT (host:port), ICEFAKE_ACCESS_KEY_ID and ICEFAKE_ACCESS_KEY_SECRET ' +
      '(go test -run TestNodeClients ./contract/ does this)',
  );
}

const API_VERSION = '2020-11-09';

// title carries every character class the clients encode differently: space,
// RFC 3986 unreserved "~", sub-delims "!'()*" (pop-core escapes them, Node Tea
// leaves them raw), form-significant "+&=%", "/", Chinese and an emoji
// (4-byte UTF-8, a surrogate pair in JS).
const title = (who) => `Node ${who}: a b * ~ !'() +&=% / 中文标题 🎬`;

// timeline is a Timeline JSON whose text also needs escaping: quotes,
// spaces, "&", "+", "%", "=" and non-ASCII inside a subtitle clip.
const timeline = JSON.stringify({
  VideoTracks: [
    { VideoTrackClips: [{ MediaId: '****4d7cf14dc7b83b0e801c****', In: 1.25, Out: 4.67 }] },
  ],
  SubtitleTracks: [
    {
      SubtitleTrackClips: [
        { Type: 'Text', Content: '字幕 & "quotes" + 100% a=b 🎬', TimelineIn: 0, TimelineOut: 2 },
      ],
    },
  ],
});

// unknownProjectID is a well-formed ID no project has.
const unknownProjectID = 'ffffffffffffffffffffffffffffffff';

// sent records every outgoing HTTP request (method, path, headers) through
// Node's http diagnostics channel, so each test can check how the client
// really signed: V3 sends an "Authorization: ACS3-HMAC-SHA256 ..." header,
// V1 a Signature parameter and no Authorization header.
const sent = [];
diagnosticsChannel.subscribe('http.client.request.start', ({ request }) => {
  sent.push({
    method: request.method,
    path: request.path,
    authorization: request.getHeader('authorization'),
    contentType: request.getHeader('content-type'),
    action: request.getHeader('x-acs-action'),
  });
});

// wire runs call and returns its result (or error) with the requests it sent.
async function wire(call) {
  const from = sent.length;
  let result;
  let error;
  try {
    result = await call();
  } catch (err) {
    error = err;
  }
  return { result, error, requests: sent.slice(from) };
}

// assertSigned checks that every request was sent with method and signed
// with scheme ('V1' or 'V3'), and, for V1, where the Signature went.
function assertSigned(requests, method, scheme) {
  assert.ok(requests.length > 0, 'no HTTP request was sent');
  for (const r of requests) {
    const where = `${r.method} ${r.path} (${r.action})`;
    assert.equal(r.method, method, where);
    assert.equal(r.path.split('?')[0], '/', where);
    if (scheme === 'V3') {
      assert.match(String(r.authorization), /^ACS3-HMAC-SHA256 Credential=/, `${where}: Authorization`);
      assert.doesNotMatch(r.path, /[?&]Signature=/, where);
    } else {
      assert.equal(r.authorization, undefined, `${where}: V1 sends no Authorization`);
      if (method === 'GET') {
        assert.match(r.path, /[?&]Signature=/, `${where}: V1 GET signs in the query`);
      }
    }
  }
}

// mustFail returns the error of a wire() outcome, failing if there is none.
function mustFail({ result, error }) {
  if (!error) assert.fail(`want an error, got ${JSON.stringify(result)}`);
  return error;
}

// mustPass returns the result of a wire() outcome, failing on an error.
function mustPass({ result, error }) {
  if (error) throw error;
  return result;
}

// ---------------------------------------------------------------------------
// @alicloud/pop-core 1.8.0 (V1)

function popClient(accessKeySecret = secret) {
  return new RPCClient({
    accessKeyId: keyID,
    accessKeySecret,
    endpoint: `http://${endpoint}`,
    apiVersion: API_VERSION,
  });
}

describe('@alicloud/pop-core 1.8.0 (V1)', () => {
  for (const method of ['GET', 'POST']) {
    test(`${method}: CreateEditingProject then GetEditingProject round-trips Title and Timeline`, async () => {
      const client = popClient();
      const opts = { method };
      const want = title(`pop-core ${method}`);

      const cw = await wire(() => client.request('CreateEditingProject', { Title: want, Timeline: timeline }, opts));
      assertSigned(cw.requests, method, 'V1');
      if (method === 'POST') {
        assert.equal(cw.requests[0].path, '/', 'pop-core POST sends every parameter in the body');
        assert.equal(cw.requests[0].contentType, 'application/x-www-form-urlencoded');
      }
      const created = mustPass(cw);
      assert.equal(typeof created.RequestId, 'string');
      assert.ok(created.RequestId.length > 0, 'Create RequestId is empty');
      const p = created.Project;
      assert.ok(p, `Create response has no Project: ${JSON.stringify(created)}`);
      assert.equal(typeof p.ProjectId, 'string');
      assert.ok(p.ProjectId.length > 0, 'Create ProjectId is empty');
      assert.equal(p.Title, want);
      assert.equal(p.Timeline, timeline);
      assert.equal(p.Status, 2);
      assert.equal(p.StatusName, 'Editing');

      // camelCase keys exercise pop-core's first-letter upper-casing.
      const gw = await wire(() => client.request('getEditingProject', { projectId: p.ProjectId }, opts));
      assertSigned(gw.requests, method, 'V1');
      const got = mustPass(gw);
      assert.ok(got.Project, `Get response has no Project: ${JSON.stringify(got)}`);
      assert.equal(got.Project.ProjectId, p.ProjectId);
      assert.equal(got.Project.Title, want);
      assert.equal(got.Project.Timeline, timeline);
      assert.equal(got.Project.Status, 'Editing');
      assert.equal(got.Project.StatusName, undefined, 'Get has no StatusName');
    });
  }

  test('unknown ProjectId: error code ProjectNotFound', async () => {
    const w = await wire(() => popClient().request('GetEditingProject', { ProjectId: unknownProjectID }));
    assertSigned(w.requests, 'GET', 'V1');
    const err = mustFail(w);
    assert.equal(err.code, 'ProjectNotFound', `error: ${err.stack}`);
    assert.equal(err.name, 'ProjectNotFoundError');
    assert.equal(err.data.Code, 'ProjectNotFound');
    assert.equal(typeof err.data.RequestId, 'string');
    assert.equal(typeof err.data.Message, 'string');
  });

  for (const method of ['GET', 'POST']) {
    test(`${method}: wrong secret: error code SignatureDoesNotMatch`, async () => {
      const client = popClient(`${secret}-wrong`);
      const w = await wire(() => client.request('GetEditingProject', { ProjectId: unknownProjectID }, { method }));
      assertSigned(w.requests, method, 'V1');
      const err = mustFail(w);
      assert.equal(err.code, 'SignatureDoesNotMatch', `error: ${err.stack}`);
      assert.equal(err.data.Code, 'SignatureDoesNotMatch');
    });
  }
});

// ---------------------------------------------------------------------------
// @alicloud/openapi-client 0.4.x (V3 by default, V1 with "v2")

function teaClient(signatureAlgorithm, accessKeySecret = secret) {
  const client = new OpenApiClient(
    new Config({ accessKeyId: keyID, accessKeySecret, endpoint, protocol: 'http' }),
  );
  // Generated product clients (ICE included) set this after the base
  // constructor; docs/fidelity.md "Signatures"
  if (signatureAlgorithm) client._signatureAlgorithm = signatureAlgorithm;
  return client;
}

function rpcParams(action) {
  return new Params({
    action,
    version: API_VERSION,
    protocol: 'HTTP',
    pathname: '/',
    method: 'POST',
    authType: 'AK',
    style: 'RPC',
    reqBodyType: 'formData',
    bodyType: 'json',
  });
}

// runtime is a plain RuntimeOptions map: no retries, default timeouts.
const runtime = {};

const teaVariants = [
  { name: 'V3 (ACS3-HMAC-SHA256, default)', signatureAlgorithm: undefined, scheme: 'V3' },
  { name: 'V1 (_signatureAlgorithm "v2")', signatureAlgorithm: 'v2', scheme: 'V1' },
];

// assertResponseError checks the fields of tea's ResponseError (its
// prototype is lost by the ES5 extends of Error, so it is recognised by its
// fields, not instanceof) for an error answer with code and HTTP status.
function assertResponseError(err, code, status) {
  assert.ok(err instanceof Error, `not an Error: ${err}`);
  assert.equal(err.code, code, `error: ${err.stack}`);
  assert.equal(err.statusCode, status);
  assert.equal(err.data.statusCode, status);
  assert.equal(err.data.Code, code);
  assert.equal(typeof err.data.RequestId, 'string');
  assert.ok(err.message.startsWith(`${code}: code: ${status}, `), err.message);
  assert.match(err.message, / request id: [0-9A-F-]+$/);
}

describe('@alicloud/openapi-client 0.4.x', () => {
  for (const v of teaVariants) {
    describe(v.name, () => {
      test('callApi CreateEditingProject (Title in query, Timeline in form body) then GetEditingProject', async () => {
        const client = teaClient(v.signatureAlgorithm);
        const want = title(`openapi-client ${v.signatureAlgorithm ?? 'v3'}`);

        const cw = await wire(() =>
          client.callApi(
            rpcParams('CreateEditingProject'),
            new OpenApiRequest({ query: { Title: want }, body: { Timeline: timeline } }),
            runtime,
          ),
        );
        assertSigned(cw.requests, 'POST', v.scheme);
        assert.equal(cw.requests[0].contentType, 'application/x-www-form-urlencoded');
        assert.match(cw.requests[0].path, /[?&]Title=/, 'Title goes in the query');
        assert.doesNotMatch(cw.requests[0].path, /[?&]Timeline=/, 'Timeline goes in the body');
        const created = mustPass(cw);
        assert.equal(created.statusCode, 200);
        const p = created.body.Project;
        assert.ok(p, `Create response has no Project: ${JSON.stringify(created.body)}`);
        assert.equal(typeof p.ProjectId, 'string');
        assert.ok(p.ProjectId.length > 0, 'Create ProjectId is empty');
        assert.equal(p.Title, want);
        assert.equal(p.Timeline, timeline);
        assert.equal(p.Status, 2);
        assert.equal(p.StatusName, 'Editing');

        const gw = await wire(() =>
          client.callApi(
            rpcParams('GetEditingProject'),
            new OpenApiRequest({ query: { ProjectId: p.ProjectId } }),
            runtime,
          ),
        );
        assertSigned(gw.requests, 'POST', v.scheme);
        const got = mustPass(gw);
        assert.equal(got.statusCode, 200);
        const g = got.body.Project;
        assert.ok(g, `Get response has no Project: ${JSON.stringify(got.body)}`);
        assert.equal(g.ProjectId, p.ProjectId);
        assert.equal(g.Title, want);
        assert.equal(g.Timeline, timeline);
        assert.equal(g.Status, 'Editing');
        assert.equal(g.StatusName, undefined, 'Get has no StatusName');
      });

      test('unknown ProjectId: ResponseError ProjectNotFound, status 404', async () => {
        const client = teaClient(v.signatureAlgorithm);
        const w = await wire(() =>
          client.callApi(
            rpcParams('GetEditingProject'),
            new OpenApiRequest({ query: { ProjectId: unknownProjectID } }),
            runtime,
          ),
        );
        assertSigned(w.requests, 'POST', v.scheme);
        assertResponseError(mustFail(w), 'ProjectNotFound', 404);
      });

      test('wrong secret: ResponseError SignatureDoesNotMatch, status 400', async () => {
        const client = teaClient(v.signatureAlgorithm, `${secret}-wrong`);
        const w = await wire(() =>
          client.callApi(
            rpcParams('GetEditingProject'),
            new OpenApiRequest({ query: { ProjectId: unknownProjectID } }),
            runtime,
          ),
        );
        assertSigned(w.requests, 'POST', v.scheme);
        assertResponseError(mustFail(w), 'SignatureDoesNotMatch', 400);
      });
    });
  }
});
