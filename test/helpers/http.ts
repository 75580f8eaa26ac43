/** One Node HTTP port (undici, proxy variables honoured) for test code that talks to a server directly. */
import { createNodeHttp } from '../../src-main/platform/node-http';

export const testHttp = createNodeHttp();
