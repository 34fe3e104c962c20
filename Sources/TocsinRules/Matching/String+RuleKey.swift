/// Rule ids name words without spaces.
extension String {
    func replacingSpaces() -> String {
        String(self.map { $0 == " " ? "_" : $0 })
    }
}
