// Types of scripts/client-types.mjs, for the TypeScript test that imports it.
export declare const TYPES_PATH: string;
export declare function clientTypes(base: string): Promise<string>;
