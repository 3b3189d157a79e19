package fake

import "time"

// progressAt is GetMediaProducingJob's Progress (newest SDK: "The progress
// of the job. Valid values: 0 to 100"; docs/fidelity.md "Fidelity: newest
// SDK fields"): 0 while Init or Queuing, the elapsed share of Processing
// (at most 99) while it runs, 100 on Success. A Failed job reports the
// share it reached, 0 (UNCONFIRMED).
func (j *job) progressAt(now time.Time) int32 {
	switch j.phaseAt(now) {
	case jobSuccess:
		return 100
	case jobProcessing:
		total := j.done.Sub(j.processing)
		if total <= 0 {
			return 0
		}
		return int32(min(99, int64(now.Sub(j.processing))*100/int64(total)))
	}
	return 0
}
