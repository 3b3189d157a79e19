package fake

// productionConfig holds the options of media production (job durations and
// the like); see the With… options in this file.
type productionConfig struct{}
