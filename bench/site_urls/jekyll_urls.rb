# Prints, as JSON, every page and document Jekyll would publish from SOURCE with its URL and
# date, without rendering anything (layouts and includes are not needed).
require 'jekyll'
require 'json'
require 'tmpdir'
source = ARGV.fetch(0)
config = Jekyll.configuration('source' => source, 'destination' => File.join(Dir.tmpdir, 'jekyll-urls'),
                              'quiet' => true, 'plugins' => [], 'safe' => false)
site = Jekyll::Site.new(config)
site.reset
site.read
rows = []
site.pages.each do |page|
  rows << { 'path' => page.relative_path, 'url' => page.url, 'date' => nil }
end
site.collections.each_value do |collection|
  next unless collection.write?
  collection.docs.each do |doc|
    next unless doc.write?
    rows << { 'path' => doc.relative_path, 'url' => doc.url,
              'date' => doc.date.strftime('%Y-%m-%d') }
  end
end
puts JSON.generate('baseurl' => site.baseurl.to_s, 'rows' => rows)
