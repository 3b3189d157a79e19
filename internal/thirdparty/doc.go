// Package thirdparty holds no code: its tests check the patched copies of
// third-party modules under third_party/ (see each one's PATCH.md) through
// their public API, as the rest of the module uses them.
package thirdparty
