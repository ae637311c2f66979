export declare const graphiqlDist: string;
export declare const graphiqlVersion: string;
export declare const GRAPHIQL_FILES: Record<string, string>;
export declare function precompressedDirectoryIn(outdir: string): string;
export declare function compressGraphiQLFile(name: string, options?: { fast?: boolean }): Promise<{ identity: Buffer; br: Buffer; gzip: Buffer }>;
export declare function precompressedComplete(outdir: string): Promise<boolean>;
export declare function precompressGraphiQL(outdir: string): Promise<boolean>;
