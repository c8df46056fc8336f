/** `GET /health/live`: the process answers. */
export interface HealthLiveness {
  status: 'ok';
}

/** One indicator that answered in time. */
export interface HealthIndicatorUp {
  status: 'up';
  /** How long the check took, in milliseconds. */
  responseTime: number;
}

/** The indicators readiness checks, by name: only the database. */
export interface HealthIndicators {
  database: HealthIndicatorUp;
}

/**
 * `GET /health/ready` when the database answers (terminus' result); when it does not, the route
 * answers 503 with a problem instead.
 */
export interface HealthReadiness {
  status: 'ok';
  info: HealthIndicators;
  /** Always empty here: an indicator that is down makes the answer a 503. */
  error: Record<never, never>;
  details: HealthIndicators;
}
