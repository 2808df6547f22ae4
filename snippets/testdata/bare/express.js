// The bare Express app that the sent_by scenarios of "express" run against:
// ordinary routes, nothing written to send a particular status. Whatever
// status comes back is Express's own doing.
//
//   GET  /hello   res.send of a fixed body (Express adds a weak ETag)
//   POST /notes   express.json(), echoes the parsed body with 201
const express = require('express');

const app = express();

app.get('/hello', (req, res) => {
  res.send('hello\n');
});

app.post('/notes', express.json(), (req, res) => {
  res.status(201).json(req.body ?? {});
});

module.exports = app;

// For content/4xx/416.md: a file route. res.sendFile (the send module, as
// in express.static) serves this app's own source, with Range support.
//
//   GET  /source.js   res.sendFile of this file
app.get('/source.js', (req, res) => {
  res.sendFile(__filename);
});
