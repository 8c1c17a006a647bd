/** The shared transport lives in src/server/http (other modules use it without depending on payments). */
export { bindTransport, gatewayFetch } from '../../http/gateway-fetch.ts';
