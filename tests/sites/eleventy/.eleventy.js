// A small Eleventy site with the defaults searchd assumes: URLs from paths (the date prefix
// of a file name kept), `permalink` in front matter, `permalink: false`, dates from front
// matter or from the file name.
module.exports = function (config) {
  config.addFilter("day", (date) => date.toISOString().slice(0, 10));
  return { dir: { input: ".", includes: "_includes" } };
};
