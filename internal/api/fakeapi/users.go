package fakeapi

import (
	"fmt"
	"strings"
	"time"
)

// Generated people: 100 given names × 100 family names make 10,000 distinct
// people before any name repeats.
var (
	givenNames = strings.Fields(`Aaliyah Aarav Abigail Adrian Aiko Alejandro Amara Amelia Andre Anika
		Ari Astrid Beatriz Benjamin Bianca Caleb Camila Carlos Chen Chiara
		Chloe Daniel Dara Diego Dmitri Elena Elif Elijah Emeka Emma
		Ethan Fatima Felix Freya Gabriel Grace Hana Hannah Hiro Ibrahim
		Ingrid Isaac Isabel Ivan Jamal Jasmine Javier Jin Jonas Julia
		Kai Kavya Kenji Kofi Lars Layla Leila Liam Lucia Luis
		Maya Mateo Mei Mia Mohammed Nadia Naomi Nikhil Noah Nora
		Olga Omar Oscar Priya Rafael Ravi Rosa Ruth Samir Sara
		Sebastian Sofia Sven Tariq Thea Tomas Uma Valentina Victor Wei
		Xavier Yara Yusuf Zainab Zara Zoe Ines Kwame Leon Marta`)
	familyNames = strings.Fields(`Abara Adeyemi Andersen Bauer Becker Bianchi Brown Castillo Chen Costa
		Cruz Dubois Eriksson Fernandez Fischer Fontaine Garcia Gonzalez Gupta Haddad
		Hansen Hoffmann Horvath Hughes Ibrahim Ito Jansen Johansson Kaur Kim
		Kowalski Kumar Larsen Laurent Lee Lopez Mahmoud Martin Meyer Molina
		Moreau Morris Murphy Nakamura Nguyen Nielsen Novak Okafor Oliveira Osei
		Park Patel Perez Petrov Popescu Quinn Ramirez Reyes Ricci Rivera
		Rossi Russo Sato Schmidt Schneider Silva Singh Smith Sorensen Suzuki
		Tanaka Taylor Thompson Torres Tran Uchenna Vargas Varga Walker Wang
		Weber Williams Wilson Wojcik Wong Xu Yamamoto Yilmaz Young Zhang
		Zhou Ziegler Mensah Haugen Lindqvist Achterberg Brennan Delgado Esposito Farouk`)
)

// generatedFrom is when the first generated user joined; each next one
// joined 37 minutes later.
var generatedFrom = time.Date(2025, 3, 10, 8, 0, 0, 0, time.UTC)

// GenerateUsers returns n organization users with realistic, unique names
// and emails (first.last@example.com), the same for the same n, and the
// first k of GenerateUsers(n) are GenerateUsers(k). Most are "user"; every
// 10th is a developer, a few are billing or claude_code_user. Ids are
// user_01JGen… and never clash with the demo users'.
func GenerateUsers(n int) []User {
	out := make([]User, n)
	nf, nl := len(givenNames), len(familyNames)
	for i := range out {
		// Person i has a given name i mod nf and a family name that shifts
		// with each round through the given names: distinct for i < nf×nl.
		first := givenNames[i%nf]
		last := familyNames[(i/nf+i%nf*7)%nl]
		local := strings.ToLower(first + "." + last)
		if round := i / (nf * nl); round > 0 {
			local += fmt.Sprint(round + 1)
		}
		role := "user"
		switch {
		case i%10 == 0:
			role = "developer"
		case i%97 == 3:
			role = "billing"
		case i%13 == 5:
			role = "claude_code_user"
		}
		out[i] = User{
			ID:      fmt.Sprintf("user_01JGen%016d", i+1),
			Email:   local + "@example.com",
			Name:    first + " " + last,
			Role:    role,
			AddedAt: generatedFrom.Add(time.Duration(i) * 37 * time.Minute),
		}
	}
	return out
}

// AddUsers gives the organization more users, e.g. GenerateUsers(n).
func (s *Server) AddUsers(users ...User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.store.users = append(s.store.users, users...)
}
