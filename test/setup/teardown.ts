import { stopAll } from './running';

/** The one global teardown of every project: stops the service, DynamoDB Local, whatever the setups started. */
export default stopAll;
