// The bare Express app that the sent_by scenarios of "express" run against:
// ordinary routes, nothing written to send a particular status. Whatever
// status comes back is Express's own doing.
//
//   GET  /hello   res.send of a fixed body (Express adds a weak ETag)
//   POST /notes   express.json(), echoes the parsed body with 201
//   GET  /boom    an ordinary async handler with a bug: it reads a property of
//                 a user that is not in the map, so its promise rejects with
//                 a TypeError that no code of the app catches
const express = require('express');

const app = express();

app.get('/hello', (req, res) => {
  res.send('hello\n');
});

app.post('/notes', express.json(), (req, res) => {
  res.status(201).json(req.body ?? {});
});

const users = new Map();

app.get('/boom', async (req, res) => {
  const user = users.get('alice');
  res.send(user.name);
});

module.exports = app;

// For content/4xx/416.md: a file route. res.sendFile (the send module, as
// in express.static) serves this app's own source, with Range support.
//
//   GET  /source.js   res.sendFile of this file
app.get('/source.js', (req, res) => {
  res.sendFile(__filename);
});

// Added for 403 and 405 (content/4xx/403.md, content/4xx/405.md): static
// files, served by express.static with fallthrough: false, so that what
// serve-static decides is the answer instead of falling through to the final
// handler's 404.
//
//   GET  /static/*        the files of this folder; a path that climbs out of
//                         it with ".." is refused
//   other methods         refused, with Allow: GET, HEAD
app.use('/static', express.static(__dirname, { fallthrough: false }));
