import { existsSync } from 'node:fs';
import { runDoctor } from './run-doctor.js';

// The same ./.env the bot reads (variables already in the environment win), so the doctor checks what it would run with.
if (existsSync('.env')) process.loadEnvFile('.env');
process.exitCode = await runDoctor(process.env);
