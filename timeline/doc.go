// Package timeline is icefake's model of an ICE Timeline: the JSON document
// that describes an editing project's tracks and clips (Alibaba Cloud's
// Timeline configuration reference,
// https://help.aliyun.com/zh/ims/developer-reference/timeline-configuration-description).
//
// It parses a Timeline once into a typed value ([Parse]) and answers what
// every feature that needs a Timeline asks: the output duration
// ([Timeline.Duration], the model in docs/fidelity.md "Duration") and where
// each clip sits on the time axis ([Timeline.Layout]). The fake's
// Create/Update/Submit, and anything that draws or checks a Timeline, use
// this package rather than re-reading the JSON.
//
// Media durations come from the caller through [Media]: the package knows
// nothing about tenants or stores.
package timeline
