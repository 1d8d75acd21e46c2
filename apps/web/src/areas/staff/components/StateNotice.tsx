import { Alert } from 'antd';
import { ApiError } from '../../../api/client';

/**
 * A refusal that is a state of things rather than a failure (409: "proposals are sealed until the
 * deadline", "no evaluation yet"): said calmly, with the API's own words, instead of an error.
 */
export function isStateRefusal(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 409;
}

export function StateNotice({ error }: { error: ApiError }) {
  return <Alert type="info" showIcon title={error.message} />;
}
