// Shared bits of the share/lock/account/dav/pro tests: run the node with any resource, with n8n's binary helpers
// (prepareBinaryData, assertBinaryData, getBinaryDataBuffer) working on in-memory base64 like n8n's default mode.
import type { IBinaryData, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { Cloudreve } from '../../../nodes/Cloudreve/Cloudreve.node';
import { DEMO, type TestServer } from '../../server';
import { CredentialStore, makeExecuteContext } from './context';

export const node = new Cloudreve();

export const byPath = (value: string) => ({ __rl: true, mode: 'path', value });
export const byUri = (value: string) => ({ __rl: true, mode: 'uri', value });

export function storeFor(srv: TestServer, email: string = DEMO.email, password: string = DEMO.password): CredentialStore {
	return new CredentialStore({ baseUrl: srv.url, email, password });
}

function withBinaryHelpers(ctx: IExecuteFunctions, items: INodeExecutionData[]): IExecuteFunctions {
	const helpers = ctx.helpers as unknown as Record<string, unknown>;
	helpers.prepareBinaryData = async (data: Buffer, fileName?: string, mimeType?: string): Promise<IBinaryData> => ({
		data: data.toString('base64'),
		mimeType: mimeType ?? 'application/octet-stream',
		fileName,
		fileSize: String(data.length),
	});
	helpers.assertBinaryData = (itemIndex: number, name: string): IBinaryData => {
		const binary = items[itemIndex]?.binary?.[name];
		if (!binary) throw new NodeOperationError(ctx.getNode(), `This operation expects the node's input data to contain a binary file '${name}', but none was found`);
		return binary;
	};
	helpers.getBinaryDataBuffer = async (itemIndex: number, name: string): Promise<Buffer> => Buffer.from(items[itemIndex].binary![name].data, 'base64');
	return ctx;
}

export interface RunOptions {
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	store?: CredentialStore;
}

/** Runs the Cloudreve node once (all items) and returns its first output. */
export async function runWith(srv: TestServer, parameters: Record<string, unknown>, options: RunOptions = {}): Promise<INodeExecutionData[]> {
	const items = options.items ?? [{ json: {} }];
	const ctx = withBinaryHelpers(
		makeExecuteContext(node, { parameters, items, store: options.store ?? storeFor(srv), continueOnFail: options.continueOnFail }),
		items,
	);
	const [out] = (await node.execute!.call(ctx)) as INodeExecutionData[][];
	return out;
}

export interface CaughtError {
	message: string;
	description: string;
	cloudreveCode?: number;
	httpCode?: string;
	lockConflicts?: Array<Record<string, unknown>>;
}

export async function errorOf(promise: Promise<unknown>): Promise<CaughtError> {
	try {
		await promise;
	} catch (error) {
		const e = error as CaughtError & { description?: string | null };
		return { message: e.message, description: e.description ?? '', cloudreveCode: e.cloudreveCode, httpCode: e.httpCode, lockConflicts: e.lockConflicts };
	}
	throw new Error('expected the run to fail');
}

export const items = (n: number): INodeExecutionData[] => Array.from({ length: n }, (_, i) => ({ json: { i } }));
