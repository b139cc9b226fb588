// Shared bits of the share/lock/account/dav/pro tests: run the node with any resource, with n8n's binary helpers
// working on in-memory base64 like n8n's default mode.
import type { INodeExecutionData } from 'n8n-workflow';

import type { TestServer } from '../../server';
import { node, storeFor, withMemoryBinaryHelpers } from './common';
import { CredentialStore, makeExecuteContext } from './context';

export { byPath, byUri, errorOf, items, node, storeFor, type CaughtError } from './common';

export interface RunOptions {
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	store?: CredentialStore;
}

/** Runs the Cloudreve node once (all items) and returns its first output. */
export async function runWith(srv: TestServer, parameters: Record<string, unknown>, options: RunOptions = {}): Promise<INodeExecutionData[]> {
	const inputItems = options.items ?? [{ json: {} }];
	const ctx = withMemoryBinaryHelpers(
		makeExecuteContext(node, { parameters, items: inputItems, store: options.store ?? storeFor(srv), continueOnFail: options.continueOnFail }),
		inputItems,
	);
	const [out] = (await node.execute!.call(ctx)) as INodeExecutionData[][];
	return out;
}
