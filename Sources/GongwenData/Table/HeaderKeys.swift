/// The record keys of a header row. A duplicate header is reported as an error, but its rows
/// are still read (to report their own problems too), so each column needs a key of its own:
/// a duplicate gets `name#column letters`. That placeholder can itself be a header of the same
/// row (`x,x#C,x`): the keys must be distinct whatever the row says, or a record would have
/// fewer keys than values.
enum HeaderKeys {
    static func keys(_ names: [String]) -> [String] {
        let written = Set(names)
        var used = Set<String>()
        return names.enumerated().map { i, name in
            if used.insert(name).inserted { return name }
            // Never a name the row itself has (a later column keeps its own), never one given out.
            let suffix = "#" + ColumnName.letters(i)
            var key = name + suffix
            while written.contains(key) || !used.insert(key).inserted { key += suffix }
            return key
        }
    }
}
