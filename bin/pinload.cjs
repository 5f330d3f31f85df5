#!/usr/bin/env node
require('../out/main/cli.js')
